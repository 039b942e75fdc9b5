<?php
$uploaded = $_FILES['package']['tmp_name'];
$phar = new Phar($uploaded);
$meta = $phar->getMetadata();
echo json_encode(['name' => $meta['name'] ?? null, 'version' => $meta['version'] ?? null]);
