<?php
$logFile = getenv('APP_LOG') ?: '/var/log/app.log';
$lines = $_GET['lines'] ?? '50';
$handle = popen("tail -n {$lines} {$logFile}", 'r');
header('Content-Type: text/plain');
while (!feof($handle)) {
    echo fgets($handle);
}
pclose($handle);
