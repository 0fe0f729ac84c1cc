# Installing Strata the Debian way: the binary, the manual page strata(1) and
# the bash and zsh completions, all three generated from the command
# definitions by the built binary itself (hidden `strata help-man` and
# `strata help-completion bash|zsh`), so they cannot drift from --help.
# CPack builds a .deb whose Depends dpkg-shlibdeps computes from the
# libraries the binary links (Debian packages, nothing bundled).

include(GNUInstallDirs)
# `cmake --install` and cpack install what is built (strata and
# strata_reference, which `make package` builds) instead of building every
# test first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(STRATA_REFERENCE_DIR ${PROJECT_BINARY_DIR}/reference)
set(STRATA_MAN_PAGE ${STRATA_REFERENCE_DIR}/strata.1.gz)
set(STRATA_BASH_COMPLETION ${STRATA_REFERENCE_DIR}/strata.bash)
set(STRATA_ZSH_COMPLETION ${STRATA_REFERENCE_DIR}/_strata)
set(STRATA_CAPTURE ${CMAKE_CURRENT_LIST_DIR}/StrataCapture.cmake)

add_custom_command(
  OUTPUT ${STRATA_MAN_PAGE} ${STRATA_BASH_COMPLETION} ${STRATA_ZSH_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:strata> -DARGS=help-man
          -DOUTPUT=${STRATA_REFERENCE_DIR}/strata.1 -DGZIP=ON -P ${STRATA_CAPTURE}
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:strata> "-DARGS=help-completion bash"
          -DOUTPUT=${STRATA_BASH_COMPLETION} -P ${STRATA_CAPTURE}
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:strata> "-DARGS=help-completion zsh"
          -DOUTPUT=${STRATA_ZSH_COMPLETION} -P ${STRATA_CAPTURE}
  DEPENDS strata ${STRATA_CAPTURE}
  COMMENT "Generating strata(1) and the shell completions from the command definitions"
  VERBATIM)
add_custom_target(strata_reference ALL DEPENDS ${STRATA_MAN_PAGE} ${STRATA_BASH_COMPLETION} ${STRATA_ZSH_COMPLETION})

install(TARGETS strata RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${STRATA_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${STRATA_BASH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME strata)
install(FILES ${STRATA_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/ADOPTING.md ${PROJECT_SOURCE_DIR}/docs/CI.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The CI examples of docs/CI.md: the GitHub Actions workflow and the pre-commit hook.
install(FILES ${PROJECT_SOURCE_DIR}/docs/ci/strata.yml DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/docs/ci/pre-commit DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(STRATA_PACKAGE_MAINTAINER "Strata maintainers" CACHE STRING "Maintainer field of the .deb")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "declarative PostgreSQL schema management")
set(CPACK_PACKAGE_DESCRIPTION "Strata keeps a PostgreSQL schema in YAML models, writes reviewed up and down \
revisions from the difference with the live catalog, applies them under an advisory lock, and fails CI on drift.")
set(CPACK_PACKAGE_CONTACT ${STRATA_PACKAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: the Debian packages of the shared libraries the binary needs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# pg_dump and pg_restore (backup, restore, apply --backup); a local server
# (database.url: local) needs initdb and postgres.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
include(CPack)
