<?php
$body = json_decode(file_get_contents('php://input'), true);
$isbn = preg_replace('/[^0-9X-]/', '', (string) ($body['isbn'] ?? ''));
$doc = new DOMDocument();
$doc->load(__DIR__ . '/library.xml');
$xpath = new DOMXPath($doc);
$title = $xpath->evaluate("string(//book[isbn='$isbn']/title)");
echo json_encode(['title' => $title]);
