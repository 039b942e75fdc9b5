<?php
session_start();
$code = rand(100000, 999999);
$_SESSION['otp'] = password_hash((string) $code, PASSWORD_DEFAULT);
send_sms($_SESSION['phone'], "Your verification code: {$code}");
