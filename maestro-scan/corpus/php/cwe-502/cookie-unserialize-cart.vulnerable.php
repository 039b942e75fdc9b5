<?php
$cart = isset($_COOKIE['cart']) ? unserialize($_COOKIE['cart']) : [];
$count = is_array($cart) ? count($cart) : 0;
echo "<span class=\"cart-count\">{$count}</span>";
