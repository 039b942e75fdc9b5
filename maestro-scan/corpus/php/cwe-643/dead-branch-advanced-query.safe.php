<?php
$doc = new DOMDocument();
$doc->load(__DIR__ . '/inventory.xml');
$xpath = new DOMXPath($doc);
$expr = '//item[@stock > 0]';
const ADVANCED_QUERIES = false;
if (ADVANCED_QUERIES && isset($_GET['where'])) {
    $expr = '//item[' . $_GET['where'] . ']';
}
foreach ($xpath->query($expr) as $item) {
    echo $item->getAttribute('name'), "\n";
}
