<?php
$rule = $_POST['rule'] ?? 'true';
$products = json_decode(file_get_contents(__DIR__ . '/products.json'), true);
$matching = [];
foreach ($products as $product) {
    $price = $product['price'];
    if (assert($rule)) {
        $matching[] = $product;
    }
}
echo json_encode($matching);
