#include "engine_text.hpp"

#include "convscope/core/errors.hpp"
#include "convscope/core/explain.hpp"
#include "convscope/core/text.hpp"

namespace convscope::gui {

namespace {

constexpr ErrorTranslation kErrors[] = {
    {"value_too_small", "{name}的{axis}至少要是 1（目前是 {value}）"},
    {"padding_negative_axis", "填充的{axis}不能是負數（目前是 {value}）"},
    {"output_too_small",
     "輸出{axis}會是 {size}：{formula} = {size}。{kernel_word}（{kernel}）比填充後的輸入（{padded}）還{comparison}"},
    {"output_too_small_dilated",
     "輸出{axis}會是 {size}：{formula} = {size}。擴張後的{kernel_word}（{dilation}·({kernel}−1)+1 = {span}）"
     "比填充後的輸入（{padded}）還{comparison}"},
    {"channel_outside", "通道 {channel} 超出範圍：輸出只有 {channels} 個通道（0…{last}）"},
    {"position_outside", "位置 ({row},{col}) 不在 {height}×{width} 的輸出內（列 0…{last_row}，行 0…{last_col}）"},
    {"trace_too_large", "{what}有 {taps} 格，超過逐項列出的上限（{limit}）"},
    {"unknown_padding_mode", "填充模式「{name}」不是 zeros、reflect、replicate、circular 其中之一"},
    {"padding_negative", "填充不能是負數（目前是 {value}）"},
    {"same_needs_stride_1",
     "same 填充只能用步幅 1（目前是 {stride_h},{stride_w}）：步幅大於 1 時，怎麼填充都無法讓輸出和輸入一樣大"},
    {"same_needs_kernel", "same 填充需要卷積核大小與擴張都至少是 1"},
    {"same_too_large", "same 填充會需要超過 10^9 格"},
    {"reflect_padding_too_large", "reflect 填充的{axis}（{pad}）必須小於輸入的{axis}（{input}）：鏡射不能越過對面的邊"},
    {"circular_padding_too_large",
     "circular 填充的{axis}（{pad}）不能超過輸入的{axis}（{input}）：否則輸入要繞不只一圈"},
    {"empty_input", "輸入是空的（{channels}×{height}×{width}）"},
    {"kernel_no_filters", "卷積核沒有任何濾波器（{out_channels}×{in_channels} 個通道）"},
    {"kernel_channel_mismatch", "卷積核需要 {kernel_channels} 個輸入通道，輸入卻有 {channels} 個"},
    {"bias_size_mismatch", "偏差有 {bias_values} 個值，卷積核卻有 {filters} 個濾波器"},
    {"conv_output_too_large",
     "輸出會有 {channels}×{height}×{width} 個值（填充後的輸入為 {padded_height}×{padded_width}），超過上限 {limit}"},
    {"unknown_pool_mode", "池化模式「{name}」不是 max、avg 其中之一"},
    {"pool_padding_too_large", "池化填充的{axis}（{pad}）最多只能是窗口{axis}的一半：{window}/2 = {half}"},
    {"avg_pool_dilation", "只有最大池化可以擴張；平均池化的擴張必須是 1（目前是 {dilation_h},{dilation_w}）"},
    {"pool_output_too_large", "池化輸出會有 {channels}×{height}×{width} 個值，超過上限 {limit}"},
    {"unknown_activation", "沒有「{name}」這種激活函數（可用 relu 或 leaky_relu）"},
    {"stack_size", "堆疊要有 1 到 {max} 層，目前是 {count} 層"},
    {"groups_not_positive", "groups 至少要是 1（目前是 {groups}）"},
    {"groups_filters", "groups = {groups} 必須整除 {filters} 個濾波器：每一組要分到一樣多的濾波器"},
    {"groups_channels",
     "groups = {groups}、每個卷積核切片 {kernel_channels} 個通道，需要 {groups}·{kernel_channels} = {expected} "
     "個輸入通道，輸入卻有 {channels} 個"},
    {"conv_transpose_output_too_small",
     "輸出{axis}會是 {size}：(H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = {formula} = {size}。"
     "填充裁掉的比轉置卷積產生的還多"},
    {"output_padding_negative", "output_padding 的{axis}不能是負數（目前是 {value}）"},
    {"output_padding_too_large",
     "output_padding 的{axis}（{output_padding}）必須小於步幅（{stride}）或擴張（{dilation}）："
     "它只是在步幅捨入成同一大小的幾種尺寸中挑一個，(H − 1)·s − 2p + d·(k − 1) + output_padding + 1 = "
     "{formula} = {size}"},
    {"groups_input_channels", "groups = {groups} 必須整除卷積核的 {channels} 個輸入通道：每一組要讀一樣多的通道"},
    {"matrix_too_large", "矩陣會有 {rows}×{cols} 個值，超過上限 {limit}"},
    {"gradient_shape_mismatch", "梯度的形狀是 {gradient}，這一層的輸出卻是 {output}"},
    {"target_shape_mismatch", "目標的形狀是 {target}，堆疊的輸出卻是 {output}：損失要逐格比較兩者，形狀必須相同"},
    {"loss_not_finite", "第 {step} 步的損失是 {loss}：訓練發散了（請調小學習率）"},
    {"learning_rate_invalid", "學習率必須是 ≥ 0 的數（目前是 {value}）"},
    {"momentum_invalid", "動量必須是 ≥ 0 的數（目前是 {value}）"},
    {"nothing_to_learn", "這個堆疊沒有可以學習的權重：需要至少一個 conv2d 或 conv_transpose2d 層"},

    // Reading and writing files (convscope/io/errors.hpp). Paths and field names stay as written.
    {"file_not_found", "無法開啟「{path}」：檔案不存在"},
    {"file_is_folder", "「{path}」是資料夾，不是檔案"},
    {"file_unreadable", "無法讀取「{path}」：{reason}"},
    {"file_too_large", "「{path}」有 {size} 位元組，超過上限 {limit}"},
    {"file_cannot_open", "無法開啟「{path}」：{reason}"},
    {"file_changed", "無法讀取「{path}」：讀取時檔案被改動了"},
    {"output_folder_missing", "無法寫入「{path}」：資料夾「{folder}」不存在"},
    {"output_is_folder", "無法寫入「{path}」：那是一個資料夾"},
    {"output_cannot_write", "無法寫入「{path}」：{reason}"},
    {"output_write_failed", "無法寫入「{path}」：磁碟已滿或讀寫錯誤"},
    {"unknown_extension",
     "「{path}」：不認得的副檔名「{ext}」（請用 .npy、.csv 或圖片：.png .jpg .jpeg .bmp .tga .gif）"},
    {"in_file", "{path}：{cause}"},
    {"output_needs_plane", "無法把 {shape} 寫成 {ext}：它只能放一張 2-D 圖；多個通道請用 .npy"},
    {"unknown_output_extension", "「{path}」：不認得的輸出副檔名「{ext}」（請用 .npy、.csv 或 .png）"},
    {"indices_format", "「{path}」：索引要寫成 .npy（int64），單一通道也可以用 .csv"},
    {"dimension_too_small", "{what}的形狀是 {shape}：每一維都至少要是 1"},
    {"tensor_rank", "{what}必須是 2-D (H,W) 或 3-D (C,H,W)，目前的形狀是 {shape}"},
    {"weights_rank", "{what}必須是 2-D (KH,KW) 或 4-D (OC,C,KH,KW)，目前的形狀是 {shape}"},
    {"bias_empty", "{what}是空的"},
    {"bias_rank", "{what}必須是 1-D (OC)，目前的形狀是 {shape}"},
    {"image_too_large_to_decode", "「{path}」太大，無法解碼"},
    {"image_pnm_number_too_large", "圖片「{path}」不是有效的 PGM/PPM：檔頭有個數字大於 {limit}"},
    {"image_too_large", "圖片「{path}」是 {width}×{height}，超過上限：每邊 {max_side} px、總共 {max_mp} MP"},
    {"jpeg_too_many_codes", "無法解碼圖片「{path}」：有個 Huffman 表宣告了超過 256 個碼（JPEG 已損壞）"},
    {"jpeg_undefined_table", "無法解碼圖片「{path}」：掃描用到沒有任何 DHT 區段定義的 Huffman 表（JPEG 已損壞）"},
    {"image_unreadable", "無法讀取圖片「{path}」：{reason}"},
    {"image_no_pixels", "圖片「{path}」沒有任何像素（{width}×{height}）"},
    {"image_truncated", "圖片「{path}」不完整：檔頭說有 {bytes} 位元組的像素"},
    {"image_undecodable", "無法解碼圖片「{path}」：{reason}"},
    {"png_encoding_failed", "PNG 編碼失敗"},
    {"png_buffer_mismatch", "PNG 編碼失敗：像素緩衝區和 {width}×{height} 不符"},
    {"unknown_image_channel", "圖片通道「{name}」不是 luminance、red、green、blue、rgb 其中之一"},
    {"crop_outside", "{width}×{height} 的裁切範圍（從 ({x},{y}) 起）超出了 {image_width}×{image_height} 的圖片"},
    {"not_an_image", "「{path}」不是圖片（.png .jpg .jpeg .bmp .tga .gif .psd .hdr .pnm .pgm .ppm）"},
    {"npy_missing_entry", "不是有效的 .npy 檔：檔頭沒有「{key}」項目"},
    {"npy_malformed_header", "不是有效的 .npy 檔：檔頭在「{key}」附近格式錯誤"},
    {"npy_shape_not_closed", "不是有效的 .npy 檔：形狀的括號沒有閉合"},
    {"npy_string_not_closed", "不是有效的 .npy 檔：有個字串沒有閉合"},
    {"npy_dimension_too_large", "不是有效的 .npy 檔：有一維太大"},
    {"npy_shape_not_sizes", "不是有效的 .npy 檔：形狀 {shape} 不是由大小組成的 tuple"},
    {"npy_malformed_dtype", "不是有效的 .npy 檔：dtype {dtype} 格式錯誤"},
    {"npy_big_endian", "不支援 big-endian 的 .npy 資料（{dtype}）；請存成 little-endian"},
    {"npy_unsupported_dtype", "不支援的 .npy dtype {dtype}（請用 float32、float64、int32、int64 或 uint8）"},
    {"npy_bad_magic", "不是有效的 .npy 檔：檔案開頭不是 \\x93NUMPY"},
    {"npy_header_truncated", "不是有效的 .npy 檔：檔頭不完整"},
    {"npy_unknown_version", "不是有效的 .npy 檔：不認得格式版本 {version}"},
    {"npy_fortran_order", "不支援 Fortran 順序的 .npy 陣列；請先用 numpy.ascontiguousarray 再存檔"},
    {"npy_bad_fortran_order", "不是有效的 .npy 檔：fortran_order 既不是 True 也不是 False"},
    {"npy_shape_not_tuple", "不是有效的 .npy 檔：形狀不是 tuple"},
    {"array_too_many_values", "陣列的值超過上限 {limit} 個"},
    {"npy_truncated", ".npy 檔不完整：形狀 {shape} 需要 {need} 位元組的資料，檔案只有 {have}"},
    {"csv_not_number", "第 {line} 行第 {column} 欄：「{text}」不是數字"},
    {"csv_too_many_values", "CSV 的值超過上限 {limit} 個"},
    {"csv_ragged", "第 {line} 行有 {count} 個值，前面各行卻有 {expected} 個：每一行的個數必須相同"},
    {"csv_empty", "CSV 檔裡沒有任何數字"},
    {"session_not_json", "工作階段檔不是有效的 JSON"},
    {"session_not_session", "不是 convscope 工作階段（沒有 \"format\": \"convscope-session\"）"},
    {"in_session", "工作階段：{cause}"},
    {"session_json_error", "工作階段：{detail}"},
    {"session_version_newer", "版本 {version} 比這個 convscope 能讀的（{supported}）還新"},
    {"field_missing", "缺少 {field}"},
    {"field_not_number", "{field} 裡有不是數字的值"},
    {"field_not_number_list", "{field} 必須是數字的清單"},
    {"field_count_mismatch", "{field} 有 {count} 個數字，但它的形狀需要 {expected} 個"},
    {"field_not_integer", "{field} 必須是整數"},
    {"field_outside_range", "{field} 是 {value}，超出 {lo}…{hi}"},
    {"field_not_pair", "{field} 必須是兩個整數 [h, w]"},
    {"field_not_bool", "{field} 必須是 true 或 false"},
    {"field_not_string", "{field} 必須是字串"},
    {"field_shape_rank", "{field} 必須是 {rank} 個大小"},
    {"field_shape_too_large", "{field} 描述的值超過上限"},
    {"field_not_finite", "{field} 必須是有限的數字"},
    {"field_not_either", "{field} 必須是 \"{first}\" 或 \"{second}\""},
    {"field_not_crop", "{field} 必須是 [x, y, width, height]"},
    {"field_not_in_range", "{field} 必須在 {lo}…{hi} 之間"},
    {"field_too_many_stages", "{field} 必須是最多 {count} 層的清單"},
    {"field_not_object", "{field} 必須是物件"},
    {"field_layer_count", "{field} 必須是 1 到 {max} 層的清單"},
    {"field_unknown_layer_type", "{field} 是 \"{text}\"，不是層的類型（{kinds}）"},
    {"field_unknown_key", "{field} 不是 {type} 的參數"},
    {"field_not_padding",
     "{field} 必須是 [h, w]、{\"top\": T, \"bottom\": B, \"left\": L, \"right\": R}、\"same\"、\"valid\"、"
     "\"same_upper\" 或 \"same_lower\""},
    {"lesson_not_json", "不是有效的 JSON"},
    {"lesson_no_title", "課程沒有標題"},
    {"lesson_no_scene", "課程沒有場景"},
    {"lesson_no_steps", "課程沒有任何步驟"},
    {"lesson_title_no_english", "標題需要 \"en\" 文字"},
    {"lesson_title_chinese_not_string", "標題的 zh-TW 必須是字串"},
    {"lesson_step_no_english", "第 {step} 步的文字需要 \"en\""},
    {"lesson_step_chinese_not_string", "第 {step} 步文字的 zh-TW 必須是字串"},
    {"lesson_step_not_object", "第 {step} 步不是物件"},
    {"in_lesson_step", "第 {step} 步：{cause}"},
    {"lesson_bad_pin", "第 {step} 步：pin 必須是 {pin_form}"},
    {"lesson_bad_layer_patch", "第 {step} 步：set.layers.{key} 必須是 1…{count} 的層編號，內容是要合併進該層的物件"},
    {"lessons_folder_unreadable", "無法讀取課程資料夾 {path}：{reason}"},
    {"tensor_too_large", "張量「{name}」的值超過上限 {limit} 個（以 float32 計為 1 GiB）"},
    {"tensor_negative_dimension", "張量「{name}」的形狀 {shape} 含有負的維度"},
    {"tensor_size_mismatch", "張量「{name}」形狀為 {shape}、型別為 {dtype}，需要 {need} 位元組，檔案裡卻有 {have}"},
    {"tensor_unsupported_dtype", "張量「{name}」的型別是 {dtype}，convscope 無法讀取（只讀浮點數、整數與布林張量）"},
    {"tensor_not_found", "檔案裡沒有名為「{name}」的張量（檔案裡有：{names}）"},
    {"tensor_duplicate", "檔案裡有兩個名為「{name}」的張量"},
    {"npz_no_directory", "不是 .npz 檔：檔尾沒有 zip 目錄"},
    {"npz_directory_damaged", "不是有效的 .npz 檔：zip 目錄在第 {entry} 項損壞"},
    {"npz_entry_outside", "這個 .npz 檔不完整：項目「{name}」需要到第 {end} 位元組的資料，檔案只有 {size}"},
    {"npz_entry_method", "這個 .npz 檔的項目「{name}」使用壓縮方法 {method}；只能讀取不壓縮 (0) 與 deflate (8)"},
    {"npz_entry_encrypted", "這個 .npz 檔的項目「{name}」有加密"},
    {"npz_entry_corrupt", "這個 .npz 檔的項目「{name}」解壓後不是目錄所寫的 {size} 位元組"},
    {"npz_entry_crc", "這個 .npz 檔的項目「{name}」CRC 檢查不符：資料已損壞"},
    {"npz_entry_not_npy", "這個 .npz 檔的項目「{name}」不是 .npy 陣列"},
    {"in_npz_entry", "項目「{name}」：{cause}"},
    {"npz_empty", "這個 .npz 檔裡沒有任何陣列"},
    {"npz_too_large", "這個 .npz 檔的陣列合計超過上限 {limit} 位元組"},
    {"safetensors_truncated", "這個 safetensors 檔不完整：標頭需要 {length} 位元組，後面只有 {have}"},
    {"safetensors_header_too_large", "safetensors 標頭有 {length} 位元組，超過上限 {limit}"},
    {"safetensors_not_json", "safetensors 標頭不是 JSON 物件"},
    {"safetensors_bad_entry", "safetensors 張量「{name}」：{field} 必須是 {expected}"},
    {"safetensors_offsets_outside",
     "safetensors 張量「{name}」：data_offsets [{begin}, {end}] 超出 {size} 位元組的資料範圍"},
    {"onnx_not_model", "不是 ONNX 模型：檔案無法解析成 ONNX ModelProto"},
    {"onnx_no_graph", "這個 ONNX 模型沒有計算圖"},
    {"onnx_cycle", "ONNX 計算圖有循環：節點「{node}」依賴自己的輸出"},
    {"onnx_value_twice", "ONNX 計算圖無效：「{value}」同時是兩個節點的輸出"},
    {"onnx_external_outside", "張量「{name}」的資料放在模型資料夾之外的「{location}」：拒絕讀取"},
    {"onnx_external_unavailable", "張量「{name}」的資料放在外部檔案「{location}」，這裡無法讀取"},
    {"onnx_external_range",
     "張量「{name}」：外部資料的位移 {offset}、長度 {length} 超出「{location}」（{size} 位元組）"},
    {"onnx_tensor_field", "張量「{name}」：{field} 無效（{value}）"},
    {"onnx_segmented", "張量「{name}」分段儲存，convscope 不讀這種格式"},
    {"model_unknown_extension", "「{path}」：不認得的模型副檔名「{ext}」（請用 .onnx、.npz 或 .safetensors）"},
    {"model_not_graph", "「{path}」裡只有張量，沒有計算圖：執行節點需要 .onnx 模型"},
    {"model_nodes_syntax", "節點範圍要寫成 FIRST..LAST（例如 1..3），收到的是「{text}」"},
    {"model_nodes_range", "節點 {first}..{last} 超出計算圖的範圍 1..{count}"},
    {"model_node_unsupported", "節點 {index}「{name}」（{op}）不支援：{cause}"},
    {"model_not_chain", "節點 {index}「{name}」沒有讀取節點 {previous} 的輸出：這些節點不是一條鏈"},
    {"node_no_layer_kind", "convscope 沒有 {op} 這種層"},
    {"node_asymmetric_transposed_padding",
     "它的 pads {pads} 在同一軸兩側不同；轉置卷積兩側裁掉的量必須相同（PyTorch 的 padding）"},
    {"node_not_2d", "它處理 {rank} 維資料；convscope 只呈現 2 維的層"},
    {"node_input_not_stored", "它的 {input} 是在計算圖裡算出來的，不是儲存的初始值"},
    {"node_asymmetric_pool_padding", "它的 pads {pads} 在同一軸兩側不同；池化的兩側填充必須相同"},
    {"node_bad_attribute", "屬性 {attribute} 是 {value}：{expected}"},
    {"node_needs_shape", "auto_pad {mode} 需要輸入的高度與寬度，但計算圖沒有提供"},
    {"node_domain", "它的運算子網域「{domain}」不是標準 ONNX 網域"},
    {"node_bad_tensor", "它的 {input}：{cause}"},
};

constexpr WordTranslation kWords[] = {
    {"height", "高度"},
    {"width", "寬度"},
    {"taller", "高"},
    {"wider", "寬"},
    {"kernel", "卷積核"},
    {"window", "窗口"},
    {"stride", "步幅"},
    {"dilation", "擴張"},
    {"input", "輸入"},
    {"image", "圖片"},
    {"bias", "偏差"},
    // Reasons: our own fallbacks when stb gives none, and stb's most common ones.
    {"unknown format", "不認得的格式"},
    {"corrupt data", "資料已損壞"},
    {"unknown image type", "不認得的圖片格式"},
    {"outofdata", "資料不完整"},
    {"bad png sig", "不是 PNG 簽章"},
    {"not PNG", "不是 PNG"},
    // The system's reasons (strerror, std::error_code) that a person meets most.
    {"Permission denied", "權限不足"},
    {"No such file or directory", "檔案或資料夾不存在"},
    {"No space left on device", "磁碟空間不足"},
    {"Read-only file system", "唯讀的檔案系統"},
};

// Only these values hold words to translate; the others are numbers, formulas, or what a file
// or a person wrote (a path, a field name such as "input"), which stay as written.
bool holdsWords(const std::string& name) {
    for (const char* n : {"name", "axis", "kernel_word", "comparison", "what", "reason"})
        if (name == n) return true;
    return false;
}

constexpr PresetTranslation kPresets[] = {
    {"identity", "恆等", "原封不動地複製輸入：只有中心是 1。"},
    {"box3", "均值模糊 3×3", "每個像素換成它 3×3 鄰域的平均。"},
    {"box5", "均值模糊 5×5", "5×5 鄰域的平均：更強、更方塊狀的模糊。"},
    {"gaussian3", "高斯 3×3", "加權模糊（1-2-1 二項式）：越近的像素權重越大。"},
    {"gaussian5", "高斯 5×5", "更平滑的加權模糊（1-4-6-4-1 二項式）。"},
    {"sharpen", "銳化", "加強像素與上下左右 4 個鄰居的差異：邊緣更清楚。"},
    {"laplacian4", "拉普拉斯（4 鄰域）", "二階導數：任何方向的邊緣都有反應，平坦處為 0。"},
    {"laplacian8", "拉普拉斯（8 鄰域）", "連對角也算的二階導數：邊緣更強，各方向較一致。"},
    {"sobel_x", "Sobel x", "水平梯度：越往右越亮的地方數值越大。"},
    {"sobel_y", "Sobel y", "垂直梯度：越往下越亮的地方數值越大。"},
    {"prewitt_x", "Prewitt x", "水平梯度，每列權重相同（平滑比 Sobel 少）。"},
    {"prewitt_y", "Prewitt y", "垂直梯度，每行權重相同。"},
    {"scharr_x", "Scharr x", "水平梯度，為旋轉精確度調整過（3-10-3）。"},
    {"scharr_y", "Scharr y", "垂直梯度，為旋轉精確度調整過（3-10-3）。"},
    {"emboss", "浮雕", "光線從左上方照過來：表面看起來像凸起。"},
    {"outline", "輪廓", "只留下邊緣：強烈的中心對上周圍 8 個鄰居。"},
};

// The explain texts' wording in 繁體中文 (English: core/src/explain.cpp).
constexpr const char* kCeilDropped = "（ceil 模式多出的最後一個窗口會從尾端的填充開始，所以捨去）";
constexpr const char* kInAll = "（共 {count} 個）";
constexpr const char* kCoverageDropped = "{map}的第 {list} {line}沒有被讀到：被 floor 捨去（下一個窗口放不下）";
constexpr const char* kCoverageSkipped = "{map}的第 {list} {line}沒有被讀到：它們落在窗口之間（被步幅或擴張跳過）";
constexpr const char* kInput = "輸入";
constexpr const char* kConvOutput = "卷積輸出";
constexpr const char* kRow = "列";
constexpr const char* kCol = "行";
constexpr const char* kDivisorIncludePad = "除數 {divisor}：count_include_pad 會把窗口內的輸入格和填充格都算進去";
constexpr const char* kDivisorPastPadding =
    "（窗口的 {full} 格中有 {past} 格超出填充，落在 ceil 模式多出的部分，不計入）";
constexpr const char* kDivisorPadAsZero = "（{cells} 個填充格以 0 計入）";
constexpr const char* kDivisorExcludePad = "除數 {divisor}：不計填充，只算窗口內落在輸入裡的 {cells} 格";
constexpr const char* kExplainTexts[] = {kCeilDropped,
                                         kInAll,
                                         kCoverageDropped,
                                         kCoverageSkipped,
                                         kInput,
                                         kConvOutput,
                                         kRow,
                                         kCol,
                                         kDivisorIncludePad,
                                         kDivisorPastPadding,
                                         kDivisorPadAsZero,
                                         kDivisorExcludePad};

template <class Entry>
const Entry* findById(std::span<const Entry> entries, const std::string& id) {
    for (const Entry& e : entries)
        if (id == e.id) return &e;
    return nullptr;
}

}  // namespace

std::span<const ErrorTranslation> errorTranslations() {
    return kErrors;
}
std::span<const PresetTranslation> presetTranslations() {
    return kPresets;
}
std::span<const WordTranslation> errorWordTranslations() {
    return kWords;
}

std::string errorText(const core::Error& error, Language language) {
    if (language != Language::ZhTw) return error.message;
    const ErrorTranslation* t = findById(errorTranslations(), error.id);
    if (!t) return error.message;
    std::vector<core::ErrorValue> values = error.values;
    for (core::ErrorValue& v : values)
        if (holdsWords(v.name))
            for (const WordTranslation& w : kWords)
                if (v.value == w.en) v.value = w.zh;
    // A wrapped error (a file's name, then why) says its own part in the same language.
    if (!error.cause.empty()) values.push_back({"cause", errorText(error.cause.front(), language)});
    return core::fillTemplate(t->zh, values);
}

std::string presetName(const core::KernelPreset& preset, Language language) {
    const PresetTranslation* t = language == Language::ZhTw ? findById(presetTranslations(), preset.id) : nullptr;
    return t ? t->zhName : preset.name;
}

std::string presetDescription(const core::KernelPreset& preset, Language language) {
    const PresetTranslation* t = language == Language::ZhTw ? findById(presetTranslations(), preset.id) : nullptr;
    return t ? t->zhDescription : preset.description;
}

std::string outputSizeText(const core::AxisWindow& w, core::Axis axis, Language language) {
    if (language != Language::ZhTw || !core::outputSize(w, axis)) return core::describeOutputSize(w, axis);
    return core::outputSizeEquation(w, axis) + (core::ceilWindowRemoved(w) ? kCeilDropped : "");
}

std::vector<std::string> coverageText(const core::AxisWindow& rows, const core::AxisWindow& cols, std::int64_t outRows,
                                      std::int64_t outCols, bool overConv, Language language) {
    if (language != Language::ZhTw)
        return core::describeCoverage(rows, cols, outRows, outCols, overConv ? "conv output" : "input");
    std::vector<std::string> notes;
    auto note = [&](const core::AxisWindow& w, std::int64_t outputs, const char* line) {
        const core::CoverageGap gap = core::coverageGap(w, outputs);
        if (gap.missed.count == 0) return;
        notes.push_back(core::fillTemplate(gap.droppedByFloor ? kCoverageDropped : kCoverageSkipped,
                                           {{"map", overConv ? kConvOutput : kInput},
                                            {"list", core::listIndices(gap.missed, kInAll)},
                                            {"line", line}}));
    };
    note(rows, outRows, kRow);
    note(cols, outCols, kCol);
    return notes;
}

std::string divisorText(const core::PoolTrace& t, Language language) {
    if (language != Language::ZhTw || t.mode != core::PoolMode::Avg) return core::divisorReason(t);
    // The same cases as core::divisorReason.
    const core::AvgDivisor& d = t.divisor;
    const std::string divisor = core::num(d.divisor);
    if (t.rule == core::DivisorRule::ExcludePad)
        return core::fillTemplate(kDivisorExcludePad, {{"divisor", divisor}, {"cells", core::num(d.inputCells)}});
    std::string s = core::fillTemplate(kDivisorIncludePad, {{"divisor", divisor}});
    if (d.paddedCells < d.fullWindow)
        s += core::fillTemplate(kDivisorPastPadding,
                                {{"full", core::num(d.fullWindow)}, {"past", core::num(d.fullWindow - d.paddedCells)}});
    else if (d.inputCells < d.paddedCells)
        s += core::fillTemplate(kDivisorPadAsZero, {{"cells", core::num(d.paddedCells - d.inputCells)}});
    return s;
}

std::string engineChineseText() {
    std::string all;
    for (const ErrorTranslation& t : kErrors) all += t.zh;
    for (const WordTranslation& w : kWords) all += w.zh;
    for (const PresetTranslation& p : kPresets) all += std::string(p.zhName) + p.zhDescription;
    for (const char* text : kExplainTexts) all += text;
    return all;
}

}  // namespace convscope::gui
