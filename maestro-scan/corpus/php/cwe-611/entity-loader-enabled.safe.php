<?php
libxml_disable_entity_loader(true);

$upload = $_FILES['document']['tmp_name'];
$doc = new DOMDocument();
$doc->load($upload);
$title = $doc->getElementsByTagName('title')->item(0)?->nodeValue;
echo htmlspecialchars((string) $title);
