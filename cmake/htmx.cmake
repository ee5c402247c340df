# htmx for the admin panel, taken from the npm registry at configure time (pinned version and
# SHA-512 from the registry's integrity field; a file already downloaded with that hash is kept).
set(ORCAZAP_HTMX_VERSION 2.0.11)
set(ORCAZAP_HTMX_SHA512
    4e1c7f5ada5e390a92aea042c3f0357301891a0e14ad56b7fac5b41a6accde9e202603bcf5e707e2ab5b9f2cc30d616f053aa39c83028042d336deb7e9db5a98)
set(htmx_tgz "${CMAKE_BINARY_DIR}/npm/htmx.org-${ORCAZAP_HTMX_VERSION}.tgz")
set(ORCAZAP_HTMX_JS "${CMAKE_BINARY_DIR}/npm/htmx.org-${ORCAZAP_HTMX_VERSION}/package/dist/htmx.min.js")
if(NOT EXISTS "${ORCAZAP_HTMX_JS}")
  file(DOWNLOAD
    "https://registry.npmjs.org/htmx.org/-/htmx.org-${ORCAZAP_HTMX_VERSION}.tgz" "${htmx_tgz}"
    EXPECTED_HASH SHA512=${ORCAZAP_HTMX_SHA512}
    STATUS htmx_status TLS_VERIFY ON)
  list(GET htmx_status 0 htmx_code)
  if(NOT htmx_code EQUAL 0)
    list(GET htmx_status 1 htmx_message)
    message(FATAL_ERROR "cannot download htmx ${ORCAZAP_HTMX_VERSION} from the npm registry: "
                        "${htmx_message}")
  endif()
  file(ARCHIVE_EXTRACT INPUT "${htmx_tgz}"
       DESTINATION "${CMAKE_BINARY_DIR}/npm/htmx.org-${ORCAZAP_HTMX_VERSION}"
       PATTERNS package/dist/htmx.min.js)
endif()
