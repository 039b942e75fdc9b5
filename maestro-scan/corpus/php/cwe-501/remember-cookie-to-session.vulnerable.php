<?php
session_start();
$pdo = new PDO('mysql:host=localhost;dbname=app', 'app', getenv('DB_PASSWORD'));
if (!isset($_SESSION['user_id']) && isset($_COOKIE['remember'])) {
    $_SESSION['user_id'] = $_COOKIE['remember'];
}
require __DIR__ . '/dashboard.php';
