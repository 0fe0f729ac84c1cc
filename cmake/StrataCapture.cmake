# cmake -DBINARY=... -DARGS="a b" -DOUTPUT=file [-DGZIP=ON] -P StrataCapture.cmake
# Runs BINARY ARGS, writes its standard output to OUTPUT (OUTPUT.gz, without
# a time stamp, with GZIP); fails the build when the command fails.
separate_arguments(ARGS UNIX_COMMAND "${ARGS}")
get_filename_component(dir ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
execute_process(COMMAND ${BINARY} ${ARGS} OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} ${ARGS} failed (${rc}): ${err}")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
if(GZIP)
  execute_process(COMMAND gzip -9 -n -f ${OUTPUT} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${OUTPUT} failed")
  endif()
endif()
