<?php
require __DIR__ . '/db.php';

$email = $_POST['email'] ?? '';
$token = bin2hex(random_bytes(32));
$stmt = $pdo->prepare('UPDATE users SET reset_token = ?, reset_expires = NOW() + INTERVAL 1 HOUR WHERE email = ?');
$stmt->execute([$token, $email]);
mail($email, 'Password reset', "https://example.com/reset?token={$token}");
