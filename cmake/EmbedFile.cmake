# cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=function -P EmbedFile.cmake
# Writes a C++ file defining `std::string_view strata::server::NAME()` that
# returns INPUT's bytes (as a byte array: any content is safe).
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT}; do not edit.\n"
  "#include <string_view>\n"
  "namespace strata::server {\n"
  "namespace { const char kData[] = {\n${bytes} '\\0'}; }\n"
  "std::string_view ${NAME}() { return std::string_view(kData, ${size}); }\n"
  "}  // namespace strata::server\n")
