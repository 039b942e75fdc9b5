<?php
session_start();
$pdo = new PDO('mysql:host=localhost;dbname=app', 'app', getenv('DB_PASSWORD'));
if (!isset($_SESSION['user_id']) && isset($_COOKIE['remember'])) {
    $stmt = $pdo->prepare('SELECT user_id FROM remember_tokens WHERE token_hash = ? AND expires_at > NOW()');
    $stmt->execute([hash('sha256', $_COOKIE['remember'])]);
    $userId = $stmt->fetchColumn();
    if ($userId !== false) {
        $_SESSION['user_id'] = (int) $userId;
    }
}
require __DIR__ . '/dashboard.php';
