<?php
ini_set('session.cookie_secure', '0');
ini_set('session.cookie_httponly', '0');
ini_set('session.use_strict_mode', '1');
session_start();
$_SESSION['cart'] = $_SESSION['cart'] ?? [];
echo count($_SESSION['cart']);
