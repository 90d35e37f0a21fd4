# Included by the root CMakeLists.txt when VN_XAPIAN_STATIC_PREFIX names the
# prefix of a static libxapian (tools/build-static-xapian.sh builds one from
# Debian's source package of the installed version). Every program then
# carries its own copy of libxapian and of libstdc++/libgcc instead of loading
# the shared ones: a plain CGI's process no longer pays for relocating and
# copying their data pages (bench/cgi/README.md has the figures). The small C
# libraries are taken from Debian's static archives too, so that
# vnsearch.cgi can also be linked fully static (VN_CGI_FULLY_STATIC).
find_library(VN_XAPIAN_A NAMES libxapian.a PATHS ${VN_XAPIAN_STATIC_PREFIX}/lib
             NO_DEFAULT_PATH REQUIRED)
if(NOT EXISTS ${VN_XAPIAN_STATIC_PREFIX}/include/xapian.h)
  message(FATAL_ERROR "VN_XAPIAN_STATIC_PREFIX: no include/xapian.h in ${VN_XAPIAN_STATIC_PREFIX}")
endif()
# libxapian's own dependencies (its pkg-config Libs.private), static when
# Debian has the archive.
set(vn_xapian_deps "")
foreach(lib uuid z)
  find_library(VN_STATIC_${lib}_A NAMES lib${lib}.a)
  if(VN_STATIC_${lib}_A)
    list(APPEND vn_xapian_deps ${VN_STATIC_${lib}_A})
  else()
    list(APPEND vn_xapian_deps ${lib})
  endif()
endforeach()
set_target_properties(PkgConfig::XAPIAN PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES ${VN_XAPIAN_STATIC_PREFIX}/include
  INTERFACE_LINK_LIBRARIES "${VN_XAPIAN_A};${vn_xapian_deps}"
  INTERFACE_LINK_DIRECTORIES ""
  INTERFACE_LINK_OPTIONS "")
foreach(pair UTF8PROC:utf8proc JANSSON:jansson FCGI:fcgi LIBDEFLATE:deflate)
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 pc)
  list(GET pair 1 lib)
  find_library(VN_STATIC_${lib}_A NAMES lib${lib}.a)
  if(TARGET PkgConfig::${pc} AND VN_STATIC_${lib}_A)
    set_target_properties(PkgConfig::${pc} PROPERTIES
      INTERFACE_LINK_LIBRARIES ${VN_STATIC_${lib}_A} INTERFACE_LINK_DIRECTORIES "")
  endif()
endforeach()
find_library(VN_STATIC_stemmer_A NAMES libstemmer.a)
if(VN_STATIC_stemmer_A)
  set_property(TARGET vn_stemmer_ext PROPERTY INTERFACE_LINK_LIBRARIES ${VN_STATIC_stemmer_A})
endif()
# libxapian is C++: its programs carry the C++ runtime too.
add_link_options(-static-libstdc++ -static-libgcc)
message(STATUS "Static libxapian: ${VN_XAPIAN_A} (${vn_xapian_deps})")
