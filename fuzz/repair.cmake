# Legacy-encoding repair; links the text library once text/ builds one,
# otherwise the repair sources directly (see tests/text_repair).
if(TARGET vn_text)
  vn_add_fuzzer(repair LIBS vn_text)
else()
  add_library(vn_repair_fuzzlib STATIC
    ${CMAKE_SOURCE_DIR}/text/repair.c ${CMAKE_SOURCE_DIR}/text/repair_tables.c)
  target_include_directories(vn_repair_fuzzlib PUBLIC ${CMAKE_SOURCE_DIR}/text)
  target_link_libraries(vn_repair_fuzzlib PUBLIC vn_base)
  vn_add_fuzzer(repair LIBS vn_repair_fuzzlib)
endif()
target_include_directories(repair_fuzzer PRIVATE ${CMAKE_SOURCE_DIR}/text)
