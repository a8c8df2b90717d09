/* stb_image and stb_image_write for the fuzz build only: the product links Debian's
 * libstb.so, built from these same headers; compiling them here lets ASan and UBSan see
 * inside the decoder while it is fuzzed. */
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_write.h>
