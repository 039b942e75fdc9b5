<?php
$max = (float) ($_POST['max_price'] ?? PHP_FLOAT_MAX);
$products = json_decode(file_get_contents(__DIR__ . '/products.json'), true);
$matching = [];
foreach ($products as $product) {
    $price = $product['price'];
    if ($price <= $max) {
        $matching[] = $product;
    }
}
echo json_encode($matching);
