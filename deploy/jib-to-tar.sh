#!/bin/sh
# Lets Jib write the image to a tar file where no Docker daemon runs (CI, sandboxes):
#
#   ./mvnw package -DskipTests -Dquarkus.container-image.build=true \
#     -Dquarkus.jib.docker-executable-name="$PWD/deploy/jib-to-tar.sh"
#
# Jib hands a finished image to `docker load` on stdin; this stand-in keeps it as target/herald-image.tar
# (docker-archive format: `docker load -i`, `skopeo copy docker-archive:...`, `crane push` all read it).
# Jib still pulls the base image from its registry.
case "$1" in
  load)
    out="${HERALD_IMAGE_TAR:-target/herald-image.tar}"
    cat > "$out"
    echo "Loaded image into $out"
    ;;
  info)
    # Jib asks the daemon's platform to pick a matching base image variant.
    arch=$(uname -m)
    echo "{\"OSType\":\"linux\",\"Architecture\":\"$arch\"}"
    ;;
  *)
    echo "jib-to-tar.sh: unsupported docker command: $*" >&2
    exit 1
    ;;
esac
