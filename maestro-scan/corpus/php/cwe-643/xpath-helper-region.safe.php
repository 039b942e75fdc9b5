<?php
function price_query(string $region): string
{
    return sprintf("//price[@region='%s']", $region);
}

$region = $_SERVER['HTTP_X_REGION'] ?? 'eu';
$region = in_array($region, ['eu', 'us', 'apac'], true) ? $region : 'eu';
$doc = new DOMDocument();
$doc->load(__DIR__ . '/prices.xml');
$prices = [];
foreach ((new DOMXPath($doc))->query(price_query($region)) as $node) {
    $prices[] = (float) $node->textContent;
}
echo json_encode($prices);
