<?php
session_start();
$user = authenticate($_POST['email'] ?? '', $_POST['password'] ?? '');
if ($user) {
    $_SESSION['user_id'] = $user['id'];
    $_SESSION['role'] = $_POST['role'] ?? 'user';
    header('Location: /');
}
