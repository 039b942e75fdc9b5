<?php
session_start();
$user = authenticate($_POST['email'] ?? '', $_POST['password'] ?? '');
if ($user) {
    $_SESSION['user_id'] = $user['id'];
    $_SESSION['role'] = $user['role'];
    header('Location: /');
}
