<?php
$file = basename($_GET['file'] ?? '');
$path = __DIR__ . '/downloads/' . $file;
if (!is_file($path)) {
    http_response_code(404);
    exit;
}
header('Content-Type: application/octet-stream');
header('Content-Disposition: attachment; filename="' . basename($path) . '"');
readfile($path);
