<?php
function parse_request_xml(string $body): DOMDocument
{
    $doc = new DOMDocument();
    $doc->resolveExternals = true;
    $doc->substituteEntities = true;
    $doc->loadXML($body);
    return $doc;
}

$doc = parse_request_xml(file_get_contents('php://input'));
echo $doc->documentElement->getAttribute('version');
