# Release artifact: orcazap_<version>_amd64.deb (cmake --build build --target package).
#
# The package is a self-contained release tree rooted at /opt/orcazap/releases/<version>/:
#   bin/      orcazap, orcazap-graph-standin, orcazap-backup, orcazap-deploy
#   share/    systemd units, sysusers.d and tmpfiles.d snippets, nginx site template, docs
# (the panel's CSS and htmx are built into bin/orcazap, which serves them under /static/)
# deploy/orcazap-deploy unpacks it with `dpkg-deb -x` next to the previous releases and switches
# /opt/orcazap/current, so several releases coexist for rollback (dpkg itself would allow only
# one). The Depends: field is still authoritative: the deploy script installs it with
# `apt-get satisfy` before switching.
include(GNUInstallDirs)

set(ORCAZAP_RELEASE_VERSION "${PROJECT_VERSION}" CACHE STRING
    "Version of the release package (default: the project version)")
set(orcazap_release_root "/opt/orcazap/releases/${ORCAZAP_RELEASE_VERSION}")

install(TARGETS orcazap orcazap-graph-standin RUNTIME DESTINATION bin)
install(PROGRAMS "${CMAKE_SOURCE_DIR}/deploy/orcazap-backup" "${CMAKE_SOURCE_DIR}/deploy/orcazap-deploy"
        DESTINATION bin)
install(FILES
          "${CMAKE_SOURCE_DIR}/deploy/systemd/orcazap.socket"
          "${CMAKE_SOURCE_DIR}/deploy/systemd/orcazap.service"
          "${CMAKE_SOURCE_DIR}/deploy/systemd/orcazap-worker@.service"
          "${CMAKE_SOURCE_DIR}/deploy/systemd/orcazap-backup.service"
          "${CMAKE_SOURCE_DIR}/deploy/systemd/orcazap-backup.timer"
        DESTINATION share/systemd)
install(FILES "${CMAKE_SOURCE_DIR}/deploy/sysusers.d/orcazap.conf" DESTINATION share/sysusers.d)
install(FILES "${CMAKE_SOURCE_DIR}/deploy/tmpfiles.d/orcazap.conf" DESTINATION share/tmpfiles.d)
install(FILES "${CMAKE_SOURCE_DIR}/deploy/nginx/orcazap.conf.template" DESTINATION share/nginx)
install(FILES "${CMAKE_SOURCE_DIR}/docs/operations.md" DESTINATION share/doc OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME orcazap)
set(CPACK_PACKAGE_VERSION "${ORCAZAP_RELEASE_VERSION}")
set(CPACK_PACKAGE_VENDOR "OrcaZap")
set(CPACK_PACKAGE_CONTACT "OrcaZap operators <ops@orcazap.com.br>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "WhatsApp quoting assistant for construction-material stores (release tree)")
set(CPACK_PACKAGING_INSTALL_PREFIX "${orcazap_release_root}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Runtime libraries come from dpkg-shlibdeps on the installed binaries; the rest are the tools
# the shipped scripts call (pg_dump for backups, curl for the readiness check).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, curl, postgresql-client-15 | postgresql-client")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx, postgresql-15, redis-server")

include(CPack)
