# Query parser (query/parse.c): needs only vn_base.
vn_add_fuzzer(query_parse LIBS vn_query_parse)
