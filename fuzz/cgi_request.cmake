# The CGI request parser (and the page rendered from what it accepts).
if(TARGET vn_cgi)
  vn_add_fuzzer(cgi_request LIBS vn_cgi)
endif()
