<?php
$doc = new DOMDocument();
$doc->load(__DIR__ . '/users.xml');
$xpath = new DOMXPath($doc);

$user = $_POST['user'] ?? '';
$pass = $_POST['pass'] ?? '';
$nodes = $xpath->query("//user[name='{$user}' and password='{$pass}']");
echo $nodes->length === 1 ? 'ok' : 'denied';
