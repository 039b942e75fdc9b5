<?php
$path = $argv[1] ?? exit("usage: import.php FILE.xml\n");
$options = LIBXML_DTDLOAD | LIBXML_NOENT | LIBXML_DTDATTR;
$xml = simplexml_load_file($path, SimpleXMLElement::class, $options);
foreach ($xml->product as $product) {
    echo $product['sku'], ': ', $product->name, PHP_EOL;
}
