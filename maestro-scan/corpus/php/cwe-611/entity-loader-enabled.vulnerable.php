<?php
libxml_disable_entity_loader(false);

$upload = $_FILES['document']['tmp_name'];
$doc = new DOMDocument();
$doc->substituteEntities = true;
$doc->load($upload);
$title = $doc->getElementsByTagName('title')->item(0)?->nodeValue;
echo htmlspecialchars((string) $title);
