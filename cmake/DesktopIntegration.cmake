# What makes the installed app a desktop app: a menu entry, the icon at the sizes desktops
# look up, AppStream metadata for software centres, and a MIME type for session files so a
# file manager offers "Open with convscope" (the .desktop entry lists it with the picture
# types). The file names follow the AppStream id, as the desktop-entry spec asks.
set(_desktop ${PROJECT_SOURCE_DIR}/assets/desktop)

install(FILES ${_desktop}/${CONVSCOPE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_desktop}/${CONVSCOPE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_desktop}/convscope-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME convscope.xml)
install(FILES ${_desktop}/convscope.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The PNG sizes are rendered from the SVG at build time (librsvg's rsvg-convert): some
# menus and docks only take bitmaps, and a generated file is never committed.
set(CONVSCOPE_ICON_SIZES 16 24 32 48 64 128 256)
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
  set(_pngs)
  foreach(size IN LISTS CONVSCOPE_ICON_SIZES)
    set(_dir ${CMAKE_CURRENT_BINARY_DIR}/icons/${size}x${size})
    add_custom_command(
      OUTPUT ${_dir}/convscope.png
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}
      COMMAND ${RSVG_CONVERT} --width ${size} --height ${size} --output ${_dir}/convscope.png ${_desktop}/convscope.svg
      DEPENDS ${_desktop}/convscope.svg
      COMMENT "Rendering the ${size}x${size} icon")
    list(APPEND _pngs ${_dir}/convscope.png)
    install(FILES ${_dir}/convscope.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  add_custom_target(convscope_icons ALL DEPENDS ${_pngs})
else()
  set(CONVSCOPE_ICON_SIZES)
  message(WARNING "rsvg-convert not found (librsvg2-bin): only the SVG icon is installed. Run scripts/setup.")
endif()
# The install test checks exactly these sizes.
set(CONVSCOPE_ICON_SIZES ${CONVSCOPE_ICON_SIZES} PARENT_SCOPE)
