<?php
session_start();
$_SESSION['username'] = $_GET['user'];
echo 'Hello';
