<?php
$host = $_GET['host'] ?? 'localhost';
$output = shell_exec('ping -c 3 ' . escapeshellarg($host));
header('Content-Type: text/plain');
echo $output;
