<?php
$doc = new DOMDocument();
$doc->load(__DIR__ . '/users.xml');
$xpath = new DOMXPath($doc);

$user = $_POST['user'] ?? '';
$pass = $_POST['pass'] ?? '';
$found = false;
foreach ($xpath->query('//user') as $node) {
    $found = $found || ($node->getElementsByTagName('name')->item(0)?->textContent === $user
        && $node->getElementsByTagName('password')->item(0)?->textContent === $pass);
}
echo $found ? 'ok' : 'denied';
