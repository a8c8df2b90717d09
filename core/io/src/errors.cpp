#include "convscope/io/errors.hpp"

#include <iterator>

namespace convscope::io {

namespace {

// In the order of enum class IoErrorId. The English wording is what the CLI prints and the
// tests compare; change it only on purpose.
constexpr core::ErrorTemplate kTemplates[] = {
    // files.cpp
    {"file_not_found", "cannot open '{path}': no such file"},
    {"file_is_folder", "'{path}' is a folder, not a file"},
    {"file_unreadable", "cannot read '{path}': {reason}"},
    {"file_too_large", "'{path}' is {size} bytes, more than the limit of {limit}"},
    {"file_cannot_open", "cannot open '{path}': {reason}"},
    {"file_changed", "cannot read '{path}': the file changed while reading"},
    {"output_folder_missing", "cannot write '{path}': folder '{folder}' does not exist"},
    {"output_is_folder", "cannot write '{path}': it is a folder"},
    {"output_cannot_write", "cannot write '{path}': {reason}"},
    {"output_write_failed", "cannot write '{path}': disk full or I/O error"},
    // array.cpp
    {"unknown_extension",
     "'{path}': unknown extension '{ext}' (use .npy, .csv or an image: .png .jpg .jpeg .bmp .tga .gif)"},
    {"in_file", "{path}: {cause}"},
    {"output_needs_plane", "cannot write {shape} to {ext}: it holds one 2-D map; use .npy for several channels"},
    {"unknown_output_extension", "'{path}': unknown output extension '{ext}' (use .npy, .csv or .png)"},
    {"indices_format", "'{path}': indices are written as .npy (int64), or .csv for one channel"},
    {"dimension_too_small", "{what} has shape {shape}: every dimension must be at least 1"},
    {"tensor_rank", "{what} must be 2-D (H,W) or 3-D (C,H,W), got shape {shape}"},
    {"weights_rank", "{what} must be 2-D (KH,KW) or 4-D (OC,C,KH,KW), got shape {shape}"},
    {"bias_empty", "{what} is empty"},
    {"bias_rank", "{what} must be 1-D (OC), got shape {shape}"},
    // image.cpp, image_input.cpp
    {"image_too_large_to_decode", "'{path}' is too large to decode"},
    {"image_pnm_number_too_large", "image '{path}' is not a valid PGM/PPM: a header number is larger than {limit}"},
    {"image_too_large",
     "image '{path}' is {width}×{height}, larger than the limit of {max_side} px a side and {max_mp} MP"},
    {"jpeg_too_many_codes",
     "cannot decode image '{path}': a Huffman table declares more than 256 codes (corrupt JPEG)"},
    {"jpeg_undefined_table",
     "cannot decode image '{path}': a scan uses a Huffman table that no DHT segment defines (corrupt JPEG)"},
    {"image_unreadable", "cannot read image '{path}': {reason}"},
    {"image_no_pixels", "image '{path}' has no pixels ({width}×{height})"},
    {"image_truncated", "image '{path}' is truncated: its header promises {bytes} bytes of pixels"},
    {"image_undecodable", "cannot decode image '{path}': {reason}"},
    {"png_encoding_failed", "PNG encoding failed"},
    {"png_buffer_mismatch", "PNG encoding failed: pixel buffer does not match {width}×{height}"},
    {"unknown_image_channel", "image channel '{name}' is not one of luminance, red, green, blue, rgb"},
    {"crop_outside", "the crop {width}×{height} at ({x},{y}) does not fit in the {image_width}×{image_height} picture"},
    {"not_an_image", "'{path}' is not an image (.png .jpg .jpeg .bmp .tga .gif .psd .hdr .pnm .pgm .ppm)"},
    // npy.cpp
    {"npy_missing_entry", "not a valid .npy file: the header has no '{key}' entry"},
    {"npy_malformed_header", "not a valid .npy file: malformed header near '{key}'"},
    {"npy_shape_not_closed", "not a valid .npy file: the shape is not closed"},
    {"npy_string_not_closed", "not a valid .npy file: a string is not closed"},
    {"npy_dimension_too_large", "not a valid .npy file: a dimension is too large"},
    {"npy_shape_not_sizes", "not a valid .npy file: the shape {shape} is not a tuple of sizes"},
    {"npy_malformed_dtype", "not a valid .npy file: malformed dtype {dtype}"},
    {"npy_big_endian", "big-endian .npy data ({dtype}) is not supported; save it little-endian"},
    {"npy_unsupported_dtype", "unsupported .npy dtype {dtype} (use float32, float64, int32, int64 or uint8)"},
    {"npy_bad_magic", "not a valid .npy file: the file does not start with \\x93NUMPY"},
    {"npy_header_truncated", "not a valid .npy file: the header is truncated"},
    {"npy_unknown_version", "not a valid .npy file: format version {version} is unknown"},
    {"npy_fortran_order", "Fortran-ordered .npy arrays are not supported; save with numpy.ascontiguousarray first"},
    {"npy_bad_fortran_order", "not a valid .npy file: fortran_order is neither True nor False"},
    {"npy_shape_not_tuple", "not a valid .npy file: the shape is not a tuple"},
    {"array_too_many_values", "the array holds more than {limit} values, the limit"},
    {"npy_truncated", "the .npy file is truncated: shape {shape} needs {need} bytes of data, the file has {have}"},
    // csv.cpp
    {"csv_not_number", "line {line}, field {column}: '{text}' is not a number"},
    {"csv_too_many_values", "the CSV holds more than {limit} values, the limit"},
    {"csv_ragged", "line {line} has {count} values but earlier lines have {expected}: every row needs the same count"},
    {"csv_empty", "the CSV file holds no numbers"},
    // session.cpp
    {"session_not_json", "the session file is not valid JSON"},
    {"session_not_session", "not a convscope session (no \"format\": \"convscope-session\")"},
    {"in_session", "session: {cause}"},
    {"session_json_error", "session: {detail}"},
    {"session_version_newer", "version {version} is newer than this convscope understands ({supported})"},
    {"field_missing", "{field} is missing"},
    {"field_not_number", "{field} holds something that is not a number"},
    {"field_not_number_list", "{field} must be a list of numbers"},
    {"field_count_mismatch", "{field} has {count} numbers, its shape needs {expected}"},
    {"field_not_integer", "{field} must be an integer"},
    {"field_outside_range", "{field} is {value}, outside {lo}…{hi}"},
    {"field_not_pair", "{field} must be two integers [h, w]"},
    {"field_not_bool", "{field} must be true or false"},
    {"field_not_string", "{field} must be a string"},
    {"field_shape_rank", "{field} must be {rank} sizes"},
    {"field_shape_too_large", "{field} describes more values than the limit"},
    {"field_not_finite", "{field} must be a finite number"},
    {"field_not_either", "{field} must be \"{first}\" or \"{second}\""},
    {"field_not_crop", "{field} must be [x, y, width, height]"},
    {"field_not_in_range", "{field} must be {lo}…{hi}"},
    {"field_too_many_stages", "{field} must be a list of at most {count} stages"},
    {"field_not_object", "{field} must be an object"},
    {"field_layer_count", "{field} must be a list of 1 to {max} layers"},
    // layer_json.cpp
    {"field_unknown_layer_type", "{field} is \"{text}\", not a layer type ({kinds})"},
    {"field_unknown_key", "{field} is not an argument of {type}"},
    {"field_not_padding",
     "{field} must be [h, w], {\"top\": T, \"bottom\": B, \"left\": L, \"right\": R}, \"same\", \"valid\", "
     "\"same_upper\" or \"same_lower\""},
    // lesson.cpp
    {"lesson_not_json", "not valid JSON"},
    {"lesson_no_title", "the lesson has no title"},
    {"lesson_no_scene", "the lesson has no scene"},
    {"lesson_no_steps", "the lesson has no steps"},
    {"lesson_title_no_english", "title needs an \"en\" text"},
    {"lesson_title_chinese_not_string", "title.zh-TW must be a string"},
    {"lesson_step_no_english", "step {step} text needs an \"en\" text"},
    {"lesson_step_chinese_not_string", "step {step} text.zh-TW must be a string"},
    {"lesson_step_not_object", "step {step} is not an object"},
    {"in_lesson_step", "step {step}: {cause}"},
    {"lesson_bad_pin", "step {step}: pin must be {pin_form}"},
    {"lesson_bad_layer_patch",
     "step {step}: set.layers.{key} must be a layer number 1…{count} holding an object to merge into that layer"},
    {"lessons_folder_unreadable", "cannot read the lessons folder {path}: {reason}"},
    // stored_tensor.cpp
    {"tensor_too_large", "tensor '{name}' holds more than {limit} values (1 GiB as float32), the limit"},
    {"tensor_negative_dimension", "tensor '{name}' has a negative dimension in its shape {shape}"},
    {"tensor_size_mismatch",
     "tensor '{name}' of shape {shape} and type {dtype} needs {need} bytes, the file holds {have}"},
    {"tensor_unsupported_dtype",
     "tensor '{name}' has type {dtype}, which convscope cannot read (it reads floating-point, integer and bool "
     "tensors)"},
    {"tensor_not_found", "no tensor named '{name}' in the file (it holds: {names})"},
    {"tensor_duplicate", "the file holds two tensors named '{name}'"},
    // npz.cpp
    {"npz_no_directory", "not a .npz file: there is no zip directory at its end"},
    {"npz_directory_damaged", "not a valid .npz file: the zip directory is damaged at entry {entry}"},
    {"npz_entry_outside", "the .npz file is truncated: entry '{name}' needs bytes up to {end}, the file has {size}"},
    {"npz_entry_method",
     "entry '{name}' of the .npz file uses compression method {method}; only stored (0) and deflate (8) can be read"},
    {"npz_entry_encrypted", "entry '{name}' of the .npz file is encrypted"},
    {"npz_entry_corrupt", "entry '{name}' of the .npz file does not inflate to the {size} bytes its directory states"},
    {"npz_entry_crc", "entry '{name}' of the .npz file fails its CRC check: the data is damaged"},
    {"npz_entry_not_npy", "entry '{name}' of the .npz file is not a .npy array"},
    {"in_npz_entry", "entry '{name}': {cause}"},
    {"npz_empty", "the .npz file holds no arrays"},
    {"npz_too_large", "the arrays of the .npz file take more than {limit} bytes together, the limit"},
    // safetensors.cpp
    {"safetensors_truncated", "the safetensors file is truncated: its header needs {length} bytes, {have} follow"},
    {"safetensors_header_too_large", "the safetensors header is {length} bytes, more than the limit of {limit}"},
    {"safetensors_not_json", "the safetensors header is not a JSON object"},
    {"safetensors_bad_entry", "safetensors tensor '{name}': {field} must be {expected}"},
    {"safetensors_offsets_outside",
     "safetensors tensor '{name}': data_offsets [{begin}, {end}] lie outside the {size} bytes of data"},
    // onnx_model.cpp
    {"onnx_not_model", "not an ONNX model: the file does not parse as an ONNX ModelProto"},
    {"onnx_no_graph", "the ONNX model has no graph"},
    {"onnx_cycle", "the ONNX graph has a cycle: node '{node}' depends on its own output"},
    {"onnx_value_twice", "the ONNX graph is not valid: '{value}' is the output of two nodes"},
    {"onnx_external_outside", "tensor '{name}' keeps its data in '{location}', outside the model's folder: refused"},
    {"onnx_external_unavailable",
     "tensor '{name}' keeps its data in the external file '{location}', which cannot be read here"},
    {"onnx_external_range",
     "tensor '{name}': external data at offset {offset}, length {length} lies outside '{location}' ({size} bytes)"},
    {"onnx_tensor_field", "tensor '{name}': {field} is not valid ({value})"},
    {"onnx_segmented", "tensor '{name}' is stored in segments, which convscope does not read"},
    // model.cpp, onnx_layers.cpp
    {"model_unknown_extension", "'{path}': unknown model extension '{ext}' (use .onnx, .npz or .safetensors)"},
    {"model_not_graph", "'{path}' holds tensors, not a graph: running nodes needs an .onnx model"},
    {"model_nodes_syntax", "nodes must be FIRST..LAST (e.g. 1..3), got '{text}'"},
    {"model_nodes_range", "nodes {first}..{last} are outside the graph's 1..{count}"},
    {"model_node_unsupported", "node {index} '{name}' ({op}) is not supported: {cause}"},
    {"model_not_chain",
     "node {index} '{name}' does not read the output of node {previous}: the nodes are not one chain"},
    {"node_no_layer_kind", "convscope has no {op} layer"},
    {"node_asymmetric_transposed_padding",
     "its pads {pads} differ between the two sides of an axis; a transposed conv crops both sides alike (PyTorch's "
     "padding)"},
    {"node_not_2d", "it works on {rank}-D data; convscope shows 2-D layers"},
    {"node_input_not_stored", "its {input} is computed in the graph, not a stored initializer"},
    {"node_asymmetric_pool_padding",
     "its pads {pads} differ between the two sides of an axis; pooling pads both sides alike"},
    {"node_bad_attribute", "attribute {attribute} is {value}: {expected}"},
    {"node_needs_shape", "auto_pad {mode} needs the input's height and width, which the graph does not give"},
    {"node_domain", "its operator domain '{domain}' is not the standard ONNX one"},
    {"node_bad_tensor", "its {input}: {cause}"},
};
static_assert(std::size(kTemplates) == static_cast<std::size_t>(IoErrorId::Count), "one template per id");

}  // namespace

std::span<const core::ErrorTemplate> ioErrorTemplates() {
    return kTemplates;
}

const core::ErrorTemplate& ioErrorTemplate(IoErrorId id) {
    return kTemplates[static_cast<std::size_t>(id)];
}

core::Error ioError(IoErrorId id, std::string parameter, std::vector<core::ErrorValue> values) {
    return core::templateError(ioErrorTemplate(id), std::move(parameter), std::move(values));
}

core::Error ioError(IoErrorId id, std::string parameter, std::vector<core::ErrorValue> values,
                    const core::Error& cause) {
    return core::templateError(ioErrorTemplate(id), std::move(parameter), std::move(values), &cause);
}

}  // namespace convscope::io
