<?php
$doc = new DOMDocument();
$doc->load('/srv/data/orders.xml');
$xp = new DOMXPath($doc);
$customer = $_COOKIE['customer'] ?? '';
if (!ctype_alnum($customer)) {
    $customer = '';
}
$count = $xp->evaluate("count(//order[@customer='{$customer}'])");
echo "You have {$count} orders";
