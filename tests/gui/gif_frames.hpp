#pragma once
// A GIF decoded with giflib into the frames a viewer shows: each image drawn over the frame
// before it (the writer stores only the rectangle that changed, "do not dispose").
#include <gif_lib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace giftest {

struct Frames {
    int width = 0, height = 0;
    std::vector<std::vector<unsigned char>> rgba;  // whole frames, top row first
    std::vector<int> delays;                       // hundredths of a second
    bool loops = false;                            // NETSCAPE2.0 with loop count 0
};

inline Frames decodeGif(const std::filesystem::path& path) {
    int error = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
    REQUIRE(gif != nullptr);
    REQUIRE(DGifSlurp(gif) == GIF_OK);
    Frames f{gif->SWidth, gif->SHeight, {}, {}, false};
    // giflib files the extensions that come before an image with that image.
    auto findLoop = [&f](const ExtensionBlock* blocks, int count) {
        for (int e = 0; e + 1 < count; ++e)
            if (blocks[e].Function == APPLICATION_EXT_FUNC_CODE && blocks[e].ByteCount == 11 &&
                std::string(reinterpret_cast<const char*>(blocks[e].Bytes), 11) == "NETSCAPE2.0" &&
                blocks[e + 1].ByteCount == 3 && blocks[e + 1].Bytes[0] == 1 && blocks[e + 1].Bytes[1] == 0 &&
                blocks[e + 1].Bytes[2] == 0)
                f.loops = true;
    };
    findLoop(gif->ExtensionBlocks, gif->ExtensionBlockCount);
    if (gif->ImageCount > 0) findLoop(gif->SavedImages[0].ExtensionBlocks, gif->SavedImages[0].ExtensionBlockCount);
    std::vector<unsigned char> canvas(static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height) * 4, 0);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage& image = gif->SavedImages[i];
        const GifImageDesc& d = image.ImageDesc;
        if (i == 0) {  // the first frame covers everything
            REQUIRE(d.Left == 0);
            REQUIRE(d.Top == 0);
            REQUIRE(d.Width == f.width);
            REQUIRE(d.Height == f.height);
        }
        REQUIRE(d.Left + d.Width <= f.width);
        REQUIRE(d.Top + d.Height <= f.height);
        GraphicsControlBlock gcb;
        DGifSavedExtensionToGCB(gif, i, &gcb);
        REQUIRE(gcb.DisposalMode == DISPOSE_DO_NOT);
        REQUIRE(gcb.TransparentColor == NO_TRANSPARENT_COLOR);
        f.delays.push_back(gcb.DelayTime);
        const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
        REQUIRE(map != nullptr);
        for (int y = 0; y < d.Height; ++y)
            for (int x = 0; x < d.Width; ++x) {
                const int index = image.RasterBits[y * d.Width + x];
                REQUIRE(index < map->ColorCount);
                const GifColorType c = map->Colors[index];
                unsigned char* px = &canvas[(static_cast<std::size_t>(d.Top + y) * static_cast<std::size_t>(f.width) +
                                             static_cast<std::size_t>(d.Left + x)) *
                                            4];
                px[0] = c.Red, px[1] = c.Green, px[2] = c.Blue, px[3] = 255;
            }
        f.rgba.push_back(canvas);
    }
    DGifCloseFile(gif, &error);
    return f;
}

}  // namespace giftest
