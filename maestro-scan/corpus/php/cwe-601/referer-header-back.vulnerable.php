<?php
session_start();
$_SESSION['cart'][] = (int) ($_POST['product_id'] ?? 0);
$back = $_SERVER['HTTP_REFERER'] ?? '/';
header("Location: {$back}", true, 303);
