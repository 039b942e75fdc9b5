<?php
session_start();
$_SESSION['cart'][] = (int) ($_POST['product_id'] ?? 0);
$back = parse_url($_SERVER['HTTP_REFERER'] ?? '/', PHP_URL_PATH) ?: '/';
if (!str_starts_with($back, '/') || str_starts_with($back, '//')) {
    $back = '/';
}
header("Location: {$back}", true, 303);
