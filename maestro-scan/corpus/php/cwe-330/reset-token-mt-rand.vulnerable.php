<?php
require __DIR__ . '/db.php';

$email = $_POST['email'] ?? '';
$token = md5((string) mt_rand());
$stmt = $pdo->prepare('UPDATE users SET reset_token = ?, reset_expires = NOW() + INTERVAL 1 HOUR WHERE email = ?');
$stmt->execute([$token, $email]);
mail($email, 'Password reset', "https://example.com/reset?token={$token}");
