#!/usr/bin/env bash
set -euo pipefail

read -r -p "container> " container
read -r -p "database> " dbname
docker exec "$container" sh -c "pg_dump -U postgres $dbname > /backups/$dbname.sql"
