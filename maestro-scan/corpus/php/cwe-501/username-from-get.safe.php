<?php
session_start();
$_SESSION['username'] = 'guest';
echo 'Hello';
