<?php
$service = getenv('SERVICE_NAME') ?: 'web';
if (!ctype_alnum($service)) {
    fwrite(STDERR, "invalid service name\n");
    exit(1);
}
$logDir = '/var/log/services';
$handle = fopen("{$logDir}/{$service}.log", 'r');
fseek($handle, -4096, SEEK_END);
echo stream_get_contents($handle);
fclose($handle);
