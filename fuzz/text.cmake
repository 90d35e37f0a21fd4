# Text core (text/vn_text.h): the whole pipeline on arbitrary bytes.
vn_add_fuzzer(text LIBS vn_text vn_base)
target_include_directories(text_fuzzer PRIVATE ${CMAKE_SOURCE_DIR}/text)
