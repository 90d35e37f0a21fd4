# The whole query path (engine, snippets, suggestions, JSON) over a small
# real index the fuzzer builds once (needs the shim, so Xapian).
if(TARGET vn_query AND TARGET vn_indexer)
  vn_add_fuzzer(query_run LIBS vn_query vn_indexer)
  target_compile_definitions(query_run_fuzzer PRIVATE
    VN_FUZZ_SYNONYMS="${CMAKE_SOURCE_DIR}/query/synonyms.txt")
endif()
