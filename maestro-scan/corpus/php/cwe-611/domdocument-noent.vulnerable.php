<?php
$xml = file_get_contents('php://input');
$doc = new DOMDocument();
$doc->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);
$orderId = $doc->getElementsByTagName('orderId')->item(0)?->textContent;
echo json_encode(['received' => $orderId]);
