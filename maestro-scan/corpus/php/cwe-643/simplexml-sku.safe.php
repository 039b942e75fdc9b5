<?php
$catalog = simplexml_load_file(__DIR__ . '/catalog.xml');
$sku = (string) (int) ($_GET['sku'] ?? 0);
$items = $catalog->xpath("/catalog/item[@sku='" . $sku . "']");
header('Content-Type: application/json');
echo json_encode($items ? ['name' => (string) $items[0]->name, 'price' => (string) $items[0]->price] : null);
