<?php
$path = __DIR__ . '/public/report.pdf';
$etag = md5_file($path);
header('ETag: "' . $etag . '"');

$pin = $_POST['pin'] ?? '';
if (sha1($pin) !== trim(file_get_contents(__DIR__ . '/report.pin'))) {
    http_response_code(403);
    exit;
}
readfile($path);
