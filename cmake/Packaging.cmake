# A Debian package of the installed tree (`cpack -G DEB`, run by scripts/package). The
# programs find their data relative to themselves, so the package's /usr prefix needs no
# rebuild of a tree configured for another prefix.
set(CPACK_PACKAGE_NAME convscope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "convscope")
set(CPACK_PACKAGE_CONTACT "convscope maintainers <maintainers@users.noreply.r-seed-f32a0d7b.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch convolution and pooling at work")
set(CPACK_PACKAGE_DESCRIPTION "A desktop app that shows what convolution and pooling layers
compute, number by number: the window sliding over the padded input, the dot product at each
position written out, the output and pooled maps filling in. The numbers are PyTorch's;
convscope-cli reproduces every one of them from the command line.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # convscope_<version>_<arch>.deb, as apt expects
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries (libglfw3, libgl1, libstb0, libstdc++6, …) are found by dpkg-shlibdeps
# from the binaries themselves, with the version bounds Debian's symbols files give.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What the binaries do not link but open by path (fonts.cpp): DejaVu Sans for Latin, Greek and
# maths symbols (without it they show as '?'), and Noto Sans CJK for 繁體中文 (without it the
# app stays in English, so only recommended). Mesa's software driver, for a machine with no
# GPU, comes with libgl1 (libglx0 → libglx-mesa0 → libgl1-mesa-dri in Debian 12).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk")

include(CPack)
