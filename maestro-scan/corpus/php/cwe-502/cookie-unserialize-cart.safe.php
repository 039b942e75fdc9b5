<?php
$cart = isset($_COOKIE['cart']) ? json_decode($_COOKIE['cart'], true) : [];
$count = is_array($cart) ? count($cart) : 0;
echo "<span class=\"cart-count\">{$count}</span>";
