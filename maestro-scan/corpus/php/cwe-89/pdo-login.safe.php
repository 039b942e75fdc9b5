<?php
session_start();
$pdo = new PDO('mysql:host=localhost;dbname=shop', 'shop', getenv('DB_PASSWORD'));

$email = $_POST['email'] ?? '';
$stmt = $pdo->prepare('SELECT id, password_hash FROM users WHERE email = ?');
$stmt->execute([$email]);
$user = $stmt->fetch(PDO::FETCH_ASSOC);

if ($user && password_verify($_POST['password'] ?? '', $user['password_hash'])) {
    session_regenerate_id(true);
    $_SESSION['user_id'] = (int) $user['id'];
    header('Location: /account');
    exit;
}
http_response_code(401);
