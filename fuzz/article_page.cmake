# Article reader: page input (indexer/article_*.c). The readers are compiled
# into their own library here so the fuzzers do not need Xapian.
if(NOT TARGET vn_articles_fuzzlib)
  file(GLOB vn_article_fuzz_srcs ${CMAKE_SOURCE_DIR}/indexer/article_*.c)
  add_library(vn_articles_fuzzlib STATIC ${vn_article_fuzz_srcs})
  target_include_directories(vn_articles_fuzzlib PUBLIC ${CMAKE_SOURCE_DIR}/indexer)
  target_link_libraries(vn_articles_fuzzlib PUBLIC vn_text vn_base PkgConfig::JANSSON PkgConfig::ZLIB PkgConfig::LIBXML2)
endif()
vn_add_fuzzer(article_page LIBS vn_articles_fuzzlib)
